"""Airflow's plugin loader finds the newswatch analyst view here (newswatch/web/airflow_plugin.py).

Airflow imports each .py file directly under plugins/ (plugins/.airflowignore keeps it out of the
package itself). When newswatch is installed as a package, its `airflow.plugins` entry point registers
the plugin and this file defines nothing: the same plugin registered twice shows as an import error.
"""

from importlib.metadata import entry_points

if not any(ep.value.startswith("newswatch.") for ep in entry_points(group="airflow.plugins")):
    from newswatch.web.airflow_plugin import NewswatchPlugin as NewswatchPlugin
