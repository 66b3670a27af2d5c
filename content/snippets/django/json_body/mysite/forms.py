from django import forms


class ItemForm(forms.Form):
    name = forms.CharField()
    price = forms.FloatField(min_value=0)

    def clean_name(self):
        # Form fields expect text, as an HTML form sends, and CharField would turn
        # the number 12 into "12", so a JSON value of another type is refused here.
        if not isinstance(self.data["name"], str):
            raise forms.ValidationError("Enter a string.", code="invalid")
        return self.cleaned_data["name"]
