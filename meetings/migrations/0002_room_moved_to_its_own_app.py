"""The confidential room's models moved to the room app (meetings/room/). State only: the tables
keep their names (each model sets db_table), so no row is copied and nothing can be lost."""

from django.db import migrations


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

    dependencies = [
        ('meetings', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.RemoveField(
                model_name='accesslog',
                name='meeting',
            ),
            migrations.RemoveField(
                model_name='accesslog',
                name='round',
            ),
            migrations.RemoveField(
                model_name='accesslog',
                name='survey',
            ),
            migrations.RemoveField(
                model_name='accesslog',
                name='who',
            ),
            migrations.RemoveConstraint(
                model_name='agreedmention',
                name='agree_a_mention_once',
            ),
            migrations.RemoveField(
                model_name='evaluationanswer',
                name='meeting',
            ),
            migrations.RemoveConstraint(
                model_name='evaluationreceipt',
                name='evaluate_a_meeting_once',
            ),
            migrations.RemoveField(
                model_name='feedback',
                name='agreed_by',
            ),
            migrations.RemoveField(
                model_name='feedback',
                name='meeting',
            ),
            migrations.RemoveField(
                model_name='feedback',
                name='updated_by',
            ),
            migrations.RemoveField(
                model_name='summary',
                name='meeting',
            ),
            migrations.RemoveField(
                model_name='summary',
                name='updated_by',
            ),
            migrations.RemoveField(
                model_name='summarycomment',
                name='summary',
            ),
            migrations.RemoveField(
                model_name='summarycomment',
                name='author',
            ),
            migrations.RemoveConstraint(
                model_name='survey',
                name='one_concept_survey_per_group',
            ),
            migrations.RemoveConstraint(
                model_name='survey',
                name='one_survey_of_a_kind_per_round',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='survey',
            ),
            migrations.RemoveConstraint(
                model_name='surveyreceipt',
                name='answer_a_survey_once',
            ),
            migrations.RemoveField(
                model_name='surveyresponse',
                name='group',
            ),
            migrations.DeleteModel(
                name='AccessLog',
            ),
            migrations.RemoveField(
                model_name='agreedmention',
                name='marked_by',
            ),
            migrations.RemoveField(
                model_name='agreedmention',
                name='meeting',
            ),
            migrations.DeleteModel(
                name='EvaluationAnswer',
            ),
            migrations.RemoveField(
                model_name='evaluationreceipt',
                name='leader',
            ),
            migrations.RemoveField(
                model_name='evaluationreceipt',
                name='meeting',
            ),
            migrations.DeleteModel(
                name='Feedback',
            ),
            migrations.DeleteModel(
                name='Summary',
            ),
            migrations.DeleteModel(
                name='SummaryComment',
            ),
            migrations.RemoveField(
                model_name='survey',
                name='group',
            ),
            migrations.RemoveField(
                model_name='survey',
                name='round',
            ),
            migrations.RemoveField(
                model_name='surveyreceipt',
                name='leader',
            ),
            migrations.RemoveField(
                model_name='surveyreceipt',
                name='survey',
            ),
            migrations.DeleteModel(
                name='SurveyResponse',
            ),
            migrations.DeleteModel(
                name='AgreedMention',
            ),
            migrations.DeleteModel(
                name='EvaluationReceipt',
            ),
            migrations.DeleteModel(
                name='Survey',
            ),
            migrations.DeleteModel(
                name='SurveyReceipt',
            ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
