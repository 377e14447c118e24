// A real, certified OpenID Connect provider (npm `oidc-provider`) standing in for the DigiD
// broker in tests. Its development login form takes any text as the account; the account id
// is returned as the `bsn` claim, so a test "logs in with DigiD" by typing a test BSN.
// It also stands in for a municipality's staff identity provider: an account typed as
// `name:role1,role2` gets `preferred_username`/`name` = name and `roles` = [role1, role2].
//
//   node support/oidc-provider.mjs <port> <redirect_uri> [<redirect_uri> …]
//
// Client: id `loket`, secret `loket-oidc-geheim` (client_secret_basic), code flow + PKCE.
// Prints "oidc-provider listening on <issuer>" when ready.
import { Provider } from 'oidc-provider';

const [port, ...redirectUris] = process.argv.slice(2);
if (!port || redirectUris.length === 0) {
  console.error('usage: node oidc-provider.mjs <port> <redirect_uri>…');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'loket',
    client_secret: 'loket-oidc-geheim',
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub', 'bsn', 'preferred_username', 'name', 'roles'] },
  // Put the scope's claims in the ID token (DigiD brokers do: the portal only reads that).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => {
      const [user, roles] = id.split(':');
      return roles === undefined
        ? { sub: id, bsn: id }
        : { sub: id, preferred_username: user, name: user, roles: roles.split(',').filter(Boolean) };
    },
  }),
  // Tests run on loopback over http; no TLS offloading proxy in front.
  cookies: { keys: ['loket-test-cookie-key'] },
});
provider.proxy = false;

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
