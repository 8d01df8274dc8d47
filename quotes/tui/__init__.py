"""`quotes review`: a terminal app for going through extracted quotes and fixing them."""
