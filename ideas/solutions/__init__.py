"""Solutions: the city and the community turn ideas into solutions and build them together, in the open."""
