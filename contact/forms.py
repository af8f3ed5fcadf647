"""The feedback form of the contact page."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from contact.models import Message

# A Vietnamese number as people write it: "0204 3854 123", "+84 912.345.678".
PHONE = re.compile(r"^\+?[0-9 .()\-]{8,20}$")
PHONE_DIGITS = (8, 15)
# Subjects a link may fill in (?chu-de=…), so that a page can send its readers
# here with the right subject; anything else leaves the subject empty.
SUBJECTS = {"tiep-can": _("Accessibility barrier on the portal")}
# The field a person never sees; a program filling every field fills it too.
HONEYPOT = "website"


class MessageForm(forms.ModelForm):
    """A question or feedback: a name, a way to answer (e-mail or phone, at least
    one), a subject and the text, each of bounded length."""

    website = forms.CharField(required=False, max_length=200)

    class Meta:
        model = Message
        fields = ["name", "email", "phone", "subject", "text"]
        labels = {
            "name": _("Your name"),
            "email": _("E-mail"),
            "phone": _("Phone"),
            "subject": _("Subject"),
            "text": _("Your question or feedback"),
        }
        help_texts = {
            "email": _("An e-mail address or a phone number, so we can answer you."),
            "text": _("At most 5,000 characters."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = 5000
        self.fields["text"].widget.attrs["maxlength"] = 5000
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields[HONEYPOT].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = sum(char.isdigit() for char in phone)
        if phone and (
            not PHONE.match(phone) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]
        ):
            raise forms.ValidationError(
                _("Enter a phone number of 8 to 15 digits, e.g. 0204 3854 123.")
            )
        return phone

    def clean_subject(self):
        # One line: the subject goes into the notification's subject line.
        return " ".join(self.cleaned_data["subject"].split())

    def clean(self):
        cleaned = super().clean()
        # An address or number refused on its own already says what is wrong.
        no_way_to_answer = not cleaned.get("email") and not cleaned.get("phone")
        if no_way_to_answer and not {"email", "phone"} & set(self.errors):
            self.add_error(
                "email",
                _("Give an e-mail address or a phone number so we can answer."),
            )
        return cleaned

    @property
    def is_trap_filled(self):
        """Whether the hidden field was filled: a program, not a person."""
        return bool(self.data.get(HONEYPOT))

    def describe_errors(self):
        """Point each field in error at its message, for screen readers."""
        for name in self.errors:
            if name in self.fields:
                field = self[name]
                ids = [f"{field.auto_id}_error"]
                if field.help_text:
                    ids.append(f"{field.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
