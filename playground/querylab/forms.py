"""Forms of the lab pages: bounded inputs, so a click cannot start an hour-long run."""

from django import forms


class RaceForm(forms.Form):
    threads = forms.IntegerField(min_value=2, max_value=16, initial=4)
    increments = forms.IntegerField(min_value=1, max_value=200, initial=25, help_text="per thread")
    pause_ms = forms.FloatField(
        min_value=0, max_value=20, initial=1, label="Pause (ms)", help_text="between the read and the write"
    )


class SlowQueryForm(forms.Form):
    sleep_s = forms.FloatField(min_value=0.1, max_value=10, initial=5, label="pg_sleep (seconds)")
    timeout_ms = forms.IntegerField(min_value=100, max_value=5000, initial=1000, label="statement_timeout (ms)")
