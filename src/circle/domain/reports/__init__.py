"""What is shown or shared after the fact: exports and a circle's history."""
