"""What every stage and the crawlers share: the records that cross stage boundaries and the source registry.

In: nothing from the project. Out: dataclasses (`records`) and validated `Source` entries (`sources`).
"""
