"""The read-only web view for analysts (`capexwatch serve`): facts, companies, one fact, sources.

`app.create_app(config, store)` builds the Starlette application; `params` validates the
facts table's query, `queries` reads the store (SELECT only), `views` turns rows into
Korean labels and amounts (the digest's wording), `chart` lays out a company's SVG chart.
"""
