"""Word lists the seed generators draw names and texts from (shared by every lab's seeds)."""

import random

FIRST_NAMES = (
    "Ada Alan Barbara Brian Claude Dennis Donald Edsger Frances Grace Guido Hedy Ivan John Katherine "
    "Ken Leslie Linus Margaret Niklaus Radia Richard Shafi Sophie Tim Tony Vint Whitfield Yukihiro Zuse"
).split()
LAST_NAMES = (
    "Lovelace Turing Liskov Kernighan Shannon Ritchie Knuth Dijkstra Allen Hopper Rossum Lamarr Sutherland "
    "Backus Johnson Thompson Lamport Torvalds Hamilton Wirth Perlman Stallman Goldwasser Wilson Berners-Lee "
    "Hoare Cerf Diffie Matsumoto Codd"
).split()
WORDS = (
    "query index join model field migration schema table row column cache transaction lock vacuum "
    "plan cursor manager signal admin fixture constraint foreign key primary unique relation tree graph "
    "async batch stream replica partition sequence trigger view window aggregate subquery"
).split()
ADJECTIVES = "fast slow lazy eager deferred atomic durable partial covering unique composite hidden".split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(WORDS, k=words))
    return text[0].upper() + text[1:] + "."


def sentences(rng: random.Random, how_many: int, min_words: int, max_words: int) -> list[str]:
    """A pool of texts drawn once per run: picking from it is far cheaper than composing a text per row."""
    return [sentence(rng, rng.randint(min_words, max_words)) for _ in range(how_many)]
