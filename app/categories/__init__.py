"""Categories: the one category concept the feature packages share (adhocracy4's `categories` app in Flask form).

A feature package gives its category model `CategoryMixin` (slug, names and descriptions per language, order) and
binds `services` to that model with its own extra fields, policy check and refusal; its admin form extends
`forms.CategoryForm`, and its templates use `_macros/categories.html`. This package imports no feature package.
"""
