"""What pyproject.toml cannot say: the library's folder is ``parser/`` but it installs
as ``eightk``, with the top-level ``grammar/`` folder inside it as ``eightk.grammar``.

Sub-packages are found, not listed, so a new one cannot be left out of the wheel
(tests/test_packaging.py checks every folder of parser/ against the built wheel).
"""

from setuptools import find_packages, setup

setup(
    packages=[
        "eightk",
        "eightk.grammar",
        *(f"eightk.{name}" for name in find_packages("parser")),
    ],
    package_dir={"eightk": "parser", "eightk.grammar": "grammar"},
    package_data={"eightk.grammar": ["*.lark"], "eightk.render": ["*.css", "*.js"]},
)
