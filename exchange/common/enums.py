from django.db import models


class Region(models.TextChoices):
    """Police regions of England and Wales, plus the nations that are not in one."""

    EAST_MIDLANDS = "east_midlands", "East Midlands"
    EASTERN = "eastern", "Eastern"
    LONDON = "london", "London"
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    WALES = "wales", "Wales"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    YORKSHIRE_HUMBER = "yorkshire_humber", "Yorkshire and the Humber"
    NATIONAL = "national", "National"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
