"""Forms of the lab pages: bounded inputs, so a click cannot start an hour-long run.

The bounds are what a 2-core machine answers within a couple of seconds: a race of
8 threads holds 8 connections (plus the page's own), and select_for_update() queues
every increment behind the previous one, so threads × increments is capped as well.
"""

from django import forms

MAX_THREADS = 8
MAX_INCREMENTS = 50
MAX_TOTAL_INCREMENTS = 200


class RaceForm(forms.Form):
    threads = forms.IntegerField(min_value=2, max_value=MAX_THREADS, initial=4)
    increments = forms.IntegerField(min_value=1, max_value=MAX_INCREMENTS, initial=25, help_text="per thread")
    pause_ms = forms.FloatField(
        min_value=0, max_value=5, initial=1, label="Pause (ms)", help_text="between the read and the write"
    )

    def clean(self):
        cleaned = super().clean()
        threads, increments = cleaned.get("threads"), cleaned.get("increments")
        if threads and increments and threads * increments > MAX_TOTAL_INCREMENTS:
            raise forms.ValidationError(
                f"{threads} threads × {increments} increments is {threads * increments:,} increments; the lab runs "
                f"at most {MAX_TOTAL_INCREMENTS} per race (select_for_update() runs them one after another). "
                "Lower either number.",
                code="too_much_work",
            )
        return cleaned


class SlowQueryForm(forms.Form):
    sleep_s = forms.FloatField(min_value=0.1, max_value=3, initial=2, label="pg_sleep (seconds)")
    timeout_ms = forms.IntegerField(min_value=100, max_value=2000, initial=1000, label="statement_timeout (ms)")
