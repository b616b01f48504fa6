from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Capacity, Leader, Role


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Register file (CSV or XLSX)"),
        help_text=_("The export from the payroll system, with the documented columns."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("The file must be a CSV or XLSX file."))
        if upload.size > settings.REGISTER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.")
                % {"size": filesizeformat(settings.REGISTER_IMPORT_MAX_BYTES)}
            )
        return upload


class CapacityForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("Person"), queryset=Leader.objects.active().order_by("first_name", "last_name")
    )
    capacity = forms.ChoiceField(label=_("Capacity"), choices=Capacity.choices)
    granted = forms.TypedChoiceField(
        label=pgettext_lazy("capacity", "Change"),
        choices=[
            ("1", pgettext_lazy("capacity", "Grant")),
            ("0", pgettext_lazy("capacity", "Withdraw")),
        ],
        coerce=lambda value: value == "1",
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)


class RoleForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("Person"), queryset=Leader.objects.active().order_by("first_name", "last_name")
    )
    role = forms.ChoiceField(label=_("Position"), choices=Role.choices)
