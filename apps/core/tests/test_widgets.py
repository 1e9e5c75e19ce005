from django import forms

from apps.core.widgets import FastSelect, speed_up_selects


class _Form(forms.Form):
    colour = forms.ChoiceField(choices=[("", "Alle"), ("r", "Rood & <wit>"), ("b", "Blauw")], required=False)
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def test_fast_select_renders_the_same_options_escaped_and_selected():
    # given a form whose select fields are sped up
    form = speed_up_selects(_Form(data={"colour": "r", "many": ["b"]}))
    assert isinstance(form.fields["colour"].widget, FastSelect)
    # when it renders
    html = str(form["colour"])
    many = str(form["many"])
    # then the markup has every option, escapes labels and marks the chosen one
    assert html.startswith('<select name="colour"')
    assert 'id="id_colour"' in html
    assert '<option value="r" selected>Rood &amp; &lt;wit&gt;</option>' in html
    assert '<option value="b">Blauw</option>' in html
    assert " multiple" in many and '<option value="b" selected>B</option>' in many


def test_fast_select_keeps_aria_attributes_of_invalid_fields():
    form = speed_up_selects(_Form(data={"colour": "x"}))
    assert not form.is_valid()
    html = str(form["colour"])
    assert 'aria-invalid="true"' in html
