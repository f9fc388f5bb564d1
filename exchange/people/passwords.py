"""Django's password validators, with messages that tell a person what to do.

The checks are Django's own; only the words change. Django's say what is wrong ("This password
is too common."); ours say what to do instead, as every other message on the Exchange does.
"""

from django.contrib.auth import password_validation as django_validation


class NotLikePersonalDetails(django_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "Choose a password that is not like your %(verbose_name)s"

    def get_help_text(self):
        return "Your password must not be like your name or email address."


class MinimumLength(django_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"Enter a password of at least {self.min_length} characters"

    def get_help_text(self):
        return f"Your password must be at least {self.min_length} characters long."


class NotCommon(django_validation.CommonPasswordValidator):
    def get_error_message(self):
        return "Choose a password that is harder to guess: this one is on a list of common passwords"

    def get_help_text(self):
        return "Your password must not be one that many people use."


class NotOnlyNumbers(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return "Include letters or symbols in your password, not only numbers"

    def get_help_text(self):
        return "Your password must not be only numbers."
