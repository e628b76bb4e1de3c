"""Exchanging a course's texts with translators as XLIFF 2.0: `aicourse i18n export|import`."""
