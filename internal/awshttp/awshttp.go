// Package awshttp holds HTTP plumbing for aws-sdk-go-v2 clients that
// talk to fast local endpoints.
package awshttp

import (
	"bytes"
	"io"
	"net/http"
)

// BufferedBody wraps a transport so that it sends its own copy of each
// request body. The SDK (smithy's ClientHandler) closes the request body as
// soon as the HTTP call returns, which races with net/http's transport
// against a server as fast as fakeaws on loopback: responses of a few tens
// of kilobytes then fail now and then with "use of closed network
// connection" while their body is read. It happens against a bare
// httptest server serving canned bytes too, so it is the client's race,
// not the server's; a copy the SDK cannot close avoids it.
func BufferedBody(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return bufferedBody{next}
}

type bufferedBody struct{ next http.RoundTripper }

func (b bufferedBody) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return b.next.RoundTrip(r)
	}
	raw, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		return nil, err
	}
	c := r.Clone(r.Context())
	c.Body = io.NopCloser(bytes.NewReader(raw))
	c.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(raw)), nil }
	return b.next.RoundTrip(c)
}
