"""Reading survey files: importers, ratings, labels, scales, the validation report, replacing a survey."""
