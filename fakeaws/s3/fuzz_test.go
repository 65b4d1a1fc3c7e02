package s3_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws"
	clocktesting "k8s.io/utils/clock/testing"
)

// fuzzServer is an in-process fakeaws without authentication, with a
// bucket and an object to address.
func fuzzServer(f *testing.F) *fakeaws.Server {
	f.Helper()
	srv, err := fakeaws.New(fakeaws.WithAuth(false), fakeaws.WithSeed(1), fakeaws.WithClock(clocktesting.NewFakeClock(epoch)),
		fakeaws.WithMaxObjectSize(1<<20))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = srv.Close() })
	if err := srv.Start(ctx); err != nil {
		f.Fatal(err)
	}
	for _, r := range []struct{ method, target, body string }{
		{"PUT", "/fuzz-bucket", ""},
		{"PUT", "/fuzz-bucket/key", "body"},
		{"PUT", "/fuzz-bucket/dir/a%20b", "body"},
	} {
		if w := serveRaw(srv, r.method, r.target, "localhost", nil, []byte(r.body)); w.Code != 200 {
			f.Fatalf("%s %s: %d %s", r.method, r.target, w.Code, w.Body)
		}
	}
	return srv
}

// serveRaw sends one request straight to the handler; nil when the
// target cannot be a request line.
func serveRaw(srv *fakeaws.Server, method, target, host string, header http.Header, body []byte) *httptest.ResponseRecorder {
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil
	}
	req := &http.Request{
		Method: method, URL: u, RequestURI: target, Host: host, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
	}
	for k, v := range header {
		req.Header[k] = v
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	return w
}

// checkResponse asserts that a response is well formed: a known status,
// XML bodies that parse, errors in S3's envelope, and no internal error.
func checkResponse(t *testing.T, method string, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code < 200 || w.Code > 599 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.Bytes()
	if strings.Contains(w.Header().Get("Content-Type"), "xml") && len(body) > 0 {
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("response is not XML: %v\n%s", err, body)
			}
		}
	}
	if w.Code >= 500 && w.Code != http.StatusNotImplemented {
		t.Fatalf("server error %d: %s", w.Code, body)
	}
	if w.Code >= 400 && method != http.MethodHead {
		var e struct {
			XMLName xml.Name `xml:"Error"`
			Code    string   `xml:"Code"`
		}
		if err := xml.Unmarshal(body, &e); err != nil || e.Code == "" {
			t.Fatalf("error %d without an S3 error document: %s", w.Code, body)
		}
	}
}

// FuzzRouter sends arbitrary methods, paths, queries and hosts: the
// service must answer each with a well-formed response.
func FuzzRouter(f *testing.F) {
	srv := fuzzServer(f)
	seeds := []struct{ method, path, query, host, body string }{
		{"GET", "/", "", "localhost", ""},
		{"GET", "/fuzz-bucket", "list-type=2&prefix=d&delimiter=/", "localhost", ""},
		{"GET", "/fuzz-bucket", "versions&key-marker=key&version-id-marker=null", "localhost", ""},
		{"GET", "/key", "", "fuzz-bucket.s3.amazonaws.com", ""},
		{"GET", "/fuzz-bucket/key", "partNumber=1", "s3.us-east-1.amazonaws.com", ""},
		{"HEAD", "/fuzz-bucket/dir/a%20b", "", "localhost:4566", ""},
		{"PUT", "/fuzz-bucket/new%2Fkey", "", "localhost", "data"},
		{"PUT", "/fuzz-bucket/x", "uploadId=zzz&partNumber=1", "localhost", "data"},
		{"POST", "/fuzz-bucket/x", "uploads", "localhost", ""},
		{"POST", "/fuzz-bucket", "delete", "localhost", "<Delete><Object><Key>key</Key></Object></Delete>"},
		{"DELETE", "/fuzz-bucket/key", "versionId=bad", "localhost", ""},
		{"GET", "/fuzz-bucket", "analytics", "localhost", ""},
		{"PATCH", "/fuzz-bucket", "", "localhost", ""},
		{"GET", "//", "", "fuzz-bucket.localhost", ""},
		{"GET", "/fuzz-bucket/%ff%00", "", "localhost", ""},
		{"GET", "/fuzz-bucket/key", "response-content-type=a%0d%0ab", "localhost", ""},
		{"GET", "/fuzz-bucket", "max-keys=-1&encoding-type=url", "[::1]:80", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.host, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, method, path, query, host string, body []byte) {
		if method == "" || strings.ContainsAny(method, " \t\r\n") || !strings.HasPrefix(path, "/") || strings.ContainsAny(path+query, " \r\n#") {
			return
		}
		target := path
		if query != "" {
			target += "?" + query
		}
		w := serveRaw(srv, method, target, host, nil, body)
		if w == nil {
			return
		}
		checkResponse(t, method, w)
	})
}

// FuzzXMLBodies sends arbitrary documents to every operation that reads
// an XML body.
func FuzzXMLBodies(f *testing.F) {
	srv := fuzzServer(f)
	ops := []struct{ method, target string }{
		{"PUT", "/fuzz-bucket?versioning"},
		{"PUT", "/fuzz-bucket?tagging"},
		{"PUT", "/fuzz-bucket/key?tagging"},
		{"POST", "/fuzz-bucket?delete"},
		{"POST", "/fuzz-bucket/mp?uploadId=UPLOAD"},
		{"PUT", "/fuzz-bucket?encryption"},
		{"PUT", "/fuzz-bucket?ownershipControls"},
		{"PUT", "/fuzz-bucket?publicAccessBlock"},
		{"PUT", "/fuzz-bucket?accelerate"},
		{"PUT", "/fuzz-created"},
	}
	seeds := []struct {
		op   uint8
		body string
	}{
		{0, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>`},
		{0, `<VersioningConfiguration><Status>enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>`},
		{1, `<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>`},
		{2, `<Tagging><TagSet><Tag><Key>aws:k</Key></Tag></TagSet></Tagging>`},
		{3, `<Delete><Quiet>true</Quiet><Object><Key>key</Key><VersionId>null</VersionId></Object></Delete>`},
		{4, `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>`},
		{4, `<CompleteMultipartUpload><Part><PartNumber>-5</PartNumber><ETag></ETag><ChecksumCRC32>!!</ChecksumCRC32></Part></CompleteMultipartUpload>`},
		{5, `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`},
		{6, `<OwnershipControls><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>`},
		{7, `<PublicAccessBlockConfiguration><BlockPublicAcls>maybe</BlockPublicAcls></PublicAccessBlockConfiguration>`},
		{8, `<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>`},
		{9, `<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint><Tags><Tag><Key>a</Key><Value>b</Value></Tag></Tags></CreateBucketConfiguration>`},
		{9, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CreateBucketConfiguration>&a;</CreateBucketConfiguration>`},
		{3, ``},
	}
	for _, s := range seeds {
		f.Add(s.op, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		o := ops[int(op)%len(ops)]
		target := o.target
		if strings.Contains(target, "UPLOAD") {
			// A fresh upload with one part to complete.
			w := serveRaw(srv, "POST", "/fuzz-bucket/mp?uploads", "localhost", nil, nil)
			var res struct {
				UploadID string `xml:"UploadId"`
			}
			if err := xml.Unmarshal(w.Body.Bytes(), &res); err != nil {
				t.Fatalf("create upload: %v %s", err, w.Body)
			}
			target = strings.Replace(target, "UPLOAD", res.UploadID, 1)
			serveRaw(srv, "PUT", "/fuzz-bucket/mp?partNumber=1&uploadId="+res.UploadID, "localhost", nil, []byte("p"))
		}
		w := serveRaw(srv, o.method, target, "localhost", nil, body)
		checkResponse(t, o.method, w)
		if w.Code == http.StatusNotImplemented && o.target != "/fuzz-bucket?versioning" {
			t.Fatalf("%s %s: 501 %s", o.method, target, w.Body)
		}
		if o.target == "/fuzz-created" && w.Code == 200 {
			serveRaw(srv, "DELETE", "/fuzz-created", "localhost", nil, nil)
		}
	})
}
