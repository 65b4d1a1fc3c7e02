package fakeawstest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// WantAPIError asserts that err is the AWS error code with the HTTP status
// and, unless msg is empty, exactly the message.
func WantAPIError(t testing.TB, err error, code string, status int, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an API error", err)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code %q (%s), want %q", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() != status {
		t.Errorf("%s: HTTP status %d, want %d", code, re.HTTPStatusCode(), status)
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Errorf("%s message:\n got %q\nwant %q", code, ae.ErrorMessage(), msg)
	}
}

// CheckXML fails unless body is one well-formed XML document.
func CheckXML(t testing.TB, body []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(body))
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) && depth == 0 && roots == 1 {
				return
			}
			t.Fatalf("not well-formed XML (%v): %s", err, body)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
}
