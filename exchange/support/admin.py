"""Staff back office for peer support: the self-assessment matrix is kept here."""

from django.contrib import admin

from .models import MatrixDimension, MatrixLevel


class MatrixLevelInline(admin.TabularInline):
    model = MatrixLevel
    extra = 0


@admin.register(MatrixDimension)
class MatrixDimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    filter_horizontal = ["topics"]
    inlines = [MatrixLevelInline]
