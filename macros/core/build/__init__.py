"""Pass 3 of the loader, by job: each module checks one part of the data for meaning and builds its
part of the model, adding every problem to the shared :class:`~macros.core.build.context.Context`.

- :mod:`.fields`: every field on its own: one-line fields, real dates, web addresses, keys that
  would collide with the site's own pages;
- :mod:`.editions`: editions, domains, outcomes and statements (IDs unique, in order, under the
  right parent);
- :mod:`.crosswalks`: baselines, crosswalks, and the guard on IDs across editions;
- :mod:`.references`: feedback and programmes, which name IDs of an edition.
"""
