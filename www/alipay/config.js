// Where the provincial endpoint is. The local server (node www/server.mjs) for development;
// a real deployment puts the province's HTTPS origin here (it must be in the server whitelist).
module.exports = { baseUrl: 'http://localhost:8080' };
