/**
 * The reference page: Swagger UI's prebuilt bundle (swagger-ui-dist, served from our origin by
 * routes.ts) rendering /api/openapi.json. Script and style are files, never inline: the CSP
 * (server/middleware/security-headers.ts) allows scripts and styles from 'self' only.
 */
export const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>直播带岗 API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`

/** Starts Swagger UI on the document; "Try it out" sends the browser's own session cookie. */
export const docsStart = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  withCredentials: true,
})
`
