# fast triage: prefilter equality and time-to-findings benchmark
