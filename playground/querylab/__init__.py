"""The query and performance lab: recipes with their SQL, indexes, races, timeouts, async ORM."""
