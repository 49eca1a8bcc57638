"""RESTRICT versus PROTECT: Django's documented Artist/Album/Song example.

A song is reachable from an artist twice: directly (``Song.artist``, CASCADE) and
through its album (``Album.artist`` CASCADE, then ``Song.album`` RESTRICT).

- Deleting the *artist* is allowed: the songs the RESTRICT reference guards are
  deleted anyway through the CASCADE path, so nothing would be left pointing at
  a deleted album.
- Deleting the *album* alone raises RestrictedError: its songs would survive.

With PROTECT on ``Song.album`` even the artist's delete would be refused.
"""

from django.db import models


class Artist(models.Model):
    """Demonstrates the RESTRICT-via-CASCADE case: deleting an artist also deletes its restricted songs."""

    name = models.CharField(max_length=100)

    class Meta:
        verbose_name = "artist"
        verbose_name_plural = "artists"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Album(models.Model):
    """Demonstrates a RESTRICT target: an album cannot be deleted alone while songs point at it."""

    title = models.CharField(max_length=100)
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="albums")

    class Meta:
        verbose_name = "album"
        verbose_name_plural = "albums"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Song(models.Model):
    """Demonstrates two paths to one row: RESTRICT through its album, CASCADE through its artist."""

    title = models.CharField(max_length=100)
    album = models.ForeignKey(Album, on_delete=models.RESTRICT, related_name="songs")
    artist = models.ForeignKey(Artist, on_delete=models.CASCADE, related_name="songs")

    class Meta:
        verbose_name = "song"
        verbose_name_plural = "songs"
        ordering = ["title"]

    def __str__(self):
        return self.title
