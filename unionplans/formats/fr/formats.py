"""French formats that differ from Django's own (FORMAT_MODULE_PATH; Django keeps the rest).

Quebec writes « 9 h 05 » (Office québécois de la langue française), where Django's fr-ca
writes "09 h 05" and its fr "09:05"; `unionplans.dates.time_of_day` also drops the minutes
of a whole hour (« 10 h »), as English "P" writes "10 a.m.".
"""

TIME_FORMAT = "G\xa0\\h\xa0i"
# « 18 novembre 2021 à 10 h 05 », as the admin's columns and history show a moment.
DATETIME_FORMAT = "j F Y \\à G\xa0\\h\xa0i"
