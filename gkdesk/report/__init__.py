"""The annual report: writing its Word document from a draft, and checking any report's text
against the draft's table (TEXT-NUMBER, TEXT-NONE, TEXT-YEAR)."""
