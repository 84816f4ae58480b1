"""The pure core: deck model, scheduling policy, grading and queues. No I/O, no clock."""
