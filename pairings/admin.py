from django.contrib import admin

from .models import Event, Figure, LabourBrand, Pairing, Region, Report, TrainingProgramme

admin.site.register([Region, Report, Pairing, Event, Figure, LabourBrand, TrainingProgramme])
