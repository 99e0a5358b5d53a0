# fuzzing and robustness
