"""Help for applicants writing an application: templates, the questionnaire and the
placeholders a template leaves to be filled in."""
