package awshttp

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func TestBufferedBodySendsACopy(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	body := &closeRecorder{Reader: strings.NewReader("Action=GetCallerIdentity")}
	req, _ := http.NewRequest(http.MethodPost, srv.URL, body)
	resp, err := (&http.Client{Transport: BufferedBody(nil)}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got != "Action=GetCallerIdentity" {
		t.Errorf("server read %q", got)
	}
	if !body.closed {
		t.Error("the caller's body was not closed after copying it")
	}
}
