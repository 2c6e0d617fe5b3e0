// The API documentation page: Swagger UI, served from our own static files, reading our schema.
(function () {
  "use strict";

  const schemaUrl = JSON.parse(document.getElementById("api-schema-url").textContent);

  window.SwaggerUIBundle({
    url: schemaUrl,
    dom_id: "#swagger-ui",
    // Deep links to operations ids with underscores log a deprecation error in Swagger UI 5.
    deepLinking: false,
    // Without this Swagger UI asks a third-party validator about our schema.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: 0,
    docExpansion: "list",
  });
})();
