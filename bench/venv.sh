# Shared by the bench scripts that compare with geopandas (sourced): bench/.venv with geopandas,
# made on first use (needs PyPI).
if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q geopandas pyogrio shapely
fi
