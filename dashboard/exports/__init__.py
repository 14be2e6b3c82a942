"""Exports of what the pages show: tables for Excel, the HSDS data package."""
