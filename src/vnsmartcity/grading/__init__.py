"""Grade a class's notebooks safely: `vnsmartcity grade` (see `run.grade`).

collect (find the submissions) -> validate (read a notebook) -> execute (run it
in a limited kernel, see `kernel` and `limits`, extracting the answers with
`extract`) -> score (check the answers in the grader's process) -> report
(gradebook, scores, feedback).
"""
