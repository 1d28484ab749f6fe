// Stands in for Material's search worker on the assessment page, which carries no
// search index (see _search_elsewhere in build_scripts/hooks/assessment.py).
