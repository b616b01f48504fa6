"""The confidential room's models, moved here from the meetings app by state only: the tables
kept their meetings_* names (see meetings/migrations/0002). The content types follow, so
messages already in the outbox still point at their survey."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


MOVED = [
    "accesslog",
    "agreedmention",
    "evaluationanswer",
    "evaluationreceipt",
    "feedback",
    "summary",
    "summarycomment",
    "survey",
    "surveyreceipt",
    "surveyresponse",
]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="meetings", model__in=MOVED).update(app_label="room")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="room", model__in=MOVED).update(app_label="meetings")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('groups', '0002_proposal'),
        ('meetings', '0002_room_moved_to_its_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.CreateModel(
                name='EvaluationAnswer',
                fields=[
                    ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                    ('good', models.TextField(blank=True, verbose_name='Hvad har været godt i dag?')),
                    ('missed', models.TextField(blank=True, verbose_name='Hvad savnede vi i dag?')),
                    ('rating', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Your rating of the meeting (1–5)')),
                    ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluations', to='meetings.meeting')),
                ],
                options={
                    'db_table': 'meetings_evaluationanswer',
                },
            ),
            migrations.CreateModel(
                name='Feedback',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('text', models.TextField(blank=True, verbose_name='Feedback to the chef group')),
                    ('answers', models.JSONField(blank=True, default=dict)),
                    ('nothing_to_report', models.BooleanField(default=False, verbose_name='The group has nothing to report')),
                    ('released_at', models.DateTimeField(blank=True, null=True)),
                    ('version', models.PositiveIntegerField(default=1)),
                    ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('agreed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='meetings.meeting')),
                    ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'meetings_feedback',
                },
            ),
            migrations.CreateModel(
                name='Summary',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('talked_about', models.TextField(blank=True, verbose_name='What did we talk about?')),
                    ('why', models.TextField(blank=True, verbose_name='Why did we talk about it?')),
                    ('what_we_do', models.TextField(blank=True, verbose_name='What will we do with it?')),
                    ('item_notes', models.JSONField(blank=True, default=dict)),
                    ('answers', models.JSONField(blank=True, default=dict)),
                    ('status', models.CharField(choices=[('draft', 'Draft'), ('commenting', 'Open for comments'), ('published', 'Published to the group')], default='draft', max_length=12)),
                    ('comment_until', models.DateField(blank=True, null=True, verbose_name='comments until')),
                    ('published_at', models.DateTimeField(blank=True, null=True)),
                    ('version', models.PositiveIntegerField(default=1)),
                    ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='summary', to='meetings.meeting')),
                    ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'meetings_summary',
                },
            ),
            migrations.CreateModel(
                name='SummaryComment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('text', models.TextField(verbose_name='comment')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('summary', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='room.summary')),
                ],
                options={
                    'db_table': 'meetings_summarycomment',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='Survey',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(max_length=30)),
                    ('opened_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='surveys', to='groups.group')),
                    ('round', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='surveys', to='meetings.round')),
                ],
                options={
                    'db_table': 'meetings_survey',
                    'ordering': ['-opened_at'],
                },
            ),
            migrations.CreateModel(
                name='AccessLog',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('what', models.CharField(choices=[('summary', 'Summary'), ('feedback', 'Feedback to the chef group'), ('evaluation', 'Evaluation answers'), ('survey', 'Survey results'), ('report', 'Compiled round report')], max_length=12)),
                    ('meeting', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.meeting')),
                    ('round', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.round')),
                    ('who', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('survey', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='room.survey')),
                ],
                options={
                    'db_table': 'meetings_accesslog',
                    'ordering': ['-at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='SurveyReceipt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('leader', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='receipts', to='room.survey')),
                ],
                options={
                    'db_table': 'meetings_surveyreceipt',
                },
            ),
            migrations.CreateModel(
                name='SurveyResponse',
                fields=[
                    ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                    ('scores', models.JSONField()),
                    ('text', models.TextField(blank=True)),
                    ('group', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='groups.group')),
                    ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='room.survey')),
                ],
                options={
                    'db_table': 'meetings_surveyresponse',
                },
            ),
            migrations.CreateModel(
                name='AgreedMention',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('document', models.CharField(max_length=10)),
                    ('text', models.CharField(max_length=200)),
                    ('marked_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('marked_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agreed_mentions', to='meetings.meeting')),
                ],
                options={
                    'db_table': 'meetings_agreedmention',
                    'constraints': [models.UniqueConstraint(fields=('meeting', 'document', 'text'), name='agree_a_mention_once')],
                },
            ),
            migrations.CreateModel(
                name='EvaluationReceipt',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('leader', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation_receipts', to='meetings.meeting')),
                ],
                options={
                    'db_table': 'meetings_evaluationreceipt',
                    'constraints': [models.UniqueConstraint(fields=('meeting', 'leader'), name='evaluate_a_meeting_once')],
                },
            ),
            migrations.AddConstraint(
                model_name='survey',
                constraint=models.UniqueConstraint(condition=models.Q(('round__isnull', True)), fields=('kind', 'group'), name='one_concept_survey_per_group'),
            ),
            migrations.AddConstraint(
                model_name='survey',
                constraint=models.UniqueConstraint(condition=models.Q(('round__isnull', False)), fields=('kind', 'round'), name='one_survey_of_a_kind_per_round'),
            ),
            migrations.AddConstraint(
                model_name='surveyreceipt',
                constraint=models.UniqueConstraint(fields=('survey', 'leader'), name='answer_a_survey_once'),
            ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
