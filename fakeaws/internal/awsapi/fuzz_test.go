package awsapi

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzQueryDecode(f *testing.F) {
	f.Add("Action=Echo&Names.member.1=a&Names.member.3=c", "")
	f.Add("Action=CreateRole&RoleName=r&Tags.member.2.Key=k&Tags.member.2.Value=v&Tags.member.1.Key=j", "Version=2010-05-08")
	f.Add("Filter.1.Name=tag%3AK&Filter.1.Value.1=v&Filter.10.Value.2=w", "Action=Echo")
	f.Add("Names.member.99999999999999999999=x&Names.member.-1=y&Names.member.=z&Names.member.1.=w", "Action=Echo")
	f.Add("a=%zz", "")
	f.Add("&&&==&Action=&Action=Fail", "")
	f.Add("Action=Echo;x=1", "Names.member.1=%00%ff")
	f.Add("DurationSeconds=1e3&Flag=TRUE&When=2026-13-01T00:00:00Z", "Action=Nothing")

	svc := testService()
	f.Fuzz(func(t *testing.T, body, query string) {
		hr := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		hr.URL.RawQuery = query
		r := &Request{HTTP: hr, Body: hr.Body, RequestID: reqID}
		vals, err := ParseQuery(r)
		if err != nil {
			if codeOf(err) != "MalformedQueryString" {
				t.Fatalf("ParseQuery error %v is not MalformedQueryString", err)
			}
		} else {
			p := NewParams(vals)
			tried := 0
			for k := range vals {
				if tried++; tried > 16 {
					break // enough: the accessors are quadratic in keys
				}
				// Every key is a prefix to try: the accessors must cope with
				// whatever the client sent.
				for _, prefix := range []string{k, strings.TrimSuffix(k, ".1"), firstSegment(k)} {
					list := p.List(prefix)
					if len(list) > len(vals) {
						t.Fatalf("List(%q) has %d values from %d keys", prefix, len(list), len(vals))
					}
					for _, s := range p.Structs(prefix) {
						for sk := range s.Values() {
							if _, ok := vals[sk]; !ok && !hasKeyEnding(vals, "."+sk) {
								t.Fatalf("Structs(%q) invented key %q", prefix, sk)
							}
						}
					}
					_ = p.Sub(prefix)
				}
				_, _ = p.Int(k, 0)
				_, _ = p.Bool(k, false)
				_, _ = p.Time(k)
				_, _ = p.Required(k)
			}
		}

		// The service answers every body with a well-formed document.
		hr = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		hr.URL.RawQuery = query
		w := httptest.NewRecorder()
		svc.Serve(w, &Request{HTTP: hr, Body: hr.Body, RequestID: reqID})
		if w.Code != 200 && w.Code != 400 && w.Code != 404 {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		if err := wellFormed(w.Body.String()); err != nil {
			t.Fatalf("response is not well-formed XML: %v\n%s", err, w.Body.String())
		}
	})
}

func firstSegment(k string) string {
	s, _, _ := strings.Cut(k, ".")
	return s
}

func hasKeyEnding(vals map[string][]string, suffix string) bool {
	for k := range vals {
		if strings.HasSuffix(k, suffix) {
			return true
		}
	}
	return false
}

// wellFormed parses doc to the end.
func wellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// xmlSafe reports whether s survives XML text encoding unchanged: valid
// UTF-8 made of characters XML 1.0 allows.
func xmlSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
	}
	return true
}

func FuzzQueryXMLEncoding(f *testing.F) {
	f.Add("role", "NoSuchEntity", "The role with name role cannot be found.")
	f.Add("a<b>&c\"d'e", "Code&<>", "]]><!-- -->")
	f.Add("\x00\x01\xff", "\r\n", "\ufffe\U0001F600")
	f.Add("", "", "")

	f.Fuzz(func(t *testing.T, value, code, message string) {
		var res roleResult
		res.Role.RoleName = value
		res.Role.Tags = []tag{{value, message}}
		w := httptest.NewRecorder()
		WriteQueryResult(w, newReq(http.MethodPost), "ns", "GetRole", res)
		if err := wellFormed(w.Body.String()); err != nil {
			t.Fatalf("result not well-formed: %v\n%q", err, w.Body.String())
		}
		var got struct {
			Result roleResult `xml:"GetRoleResult"`
		}
		if err := xml.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("unmarshal result: %v", err)
		}
		if xmlSafe(value) && got.Result.Role.RoleName != value {
			t.Fatalf("RoleName %q came back as %q", value, got.Result.Role.RoleName)
		}

		for _, proto := range []Protocol{ProtocolQuery, ProtocolEC2, ProtocolRESTXML, ProtocolS3} {
			w := httptest.NewRecorder()
			WriteError(w, newReq(http.MethodPost), proto, BadRequest(code, "%s", message).With("Key", value))
			if err := wellFormed(w.Body.String()); err != nil {
				t.Fatalf("protocol %d error not well-formed: %v\n%q", proto, err, w.Body.String())
			}
			var doc struct {
				Code    string `xml:"Error>Code"`
				Message string `xml:"Error>Message"`
			}
			switch proto {
			case ProtocolS3:
				var s3 struct{ Code, Message, Key string }
				if err := xml.Unmarshal(w.Body.Bytes(), &s3); err != nil {
					t.Fatal(err)
				}
				doc.Code, doc.Message = s3.Code, s3.Message
				if xmlSafe(value) && s3.Key != value {
					t.Fatalf("S3 Key %q came back as %q", value, s3.Key)
				}
			case ProtocolEC2:
				var ec2 struct {
					Code    string `xml:"Errors>Error>Code"`
					Message string `xml:"Errors>Error>Message"`
				}
				if err := xml.Unmarshal(w.Body.Bytes(), &ec2); err != nil {
					t.Fatal(err)
				}
				doc.Code, doc.Message = ec2.Code, ec2.Message
			default:
				if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil {
					t.Fatal(err)
				}
			}
			if xmlSafe(code) && xmlSafe(message) && (doc.Code != code || doc.Message != message) {
				t.Fatalf("protocol %d: error %q/%q came back as %q/%q", proto, code, message, doc.Code, doc.Message)
			}
		}
	})
}
