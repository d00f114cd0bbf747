"""Click commands, one module each; ``workreport.cli`` imports them lazily."""
