"""The forms of a network's resources: sharing a link or a file, and searching them."""

from django import forms

from exchange.common.forms import GovukForm, in_messages


class ResourceForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="Leave empty to use the file's name.")
    description = forms.CharField(label="Description (optional)", required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What it is and why it is useful.")
    url = forms.URLField(label="Web address", required=False, max_length=500, assume_scheme="https",
                         help_text="For a link, like https://www.college.police.uk/…")
    file = in_messages(forms.FileField(
        label="Or a file", required=False,
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, text or an image, up to 10 MB. "
                  "Only the network's members can open it."), "a file to share")

    def clean(self):
        cleaned = super().clean()
        url, upload = cleaned.get("url"), cleaned.get("file")
        if not self.errors:
            if url and upload:
                self.add_error("url", "Give a web address or a file, not both")
            elif not url and not upload:
                self.add_error("url", "Enter a web address, or select a file to share")
        return cleaned


class ResourceSearchForm(GovukForm):
    q = forms.CharField(label="Search resources", required=False, max_length=200)
