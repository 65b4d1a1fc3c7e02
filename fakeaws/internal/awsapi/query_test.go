package awsapi

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func queryRequest(method, target, body string) *Request {
	hr := httptest.NewRequest(method, target, strings.NewReader(body))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return &Request{HTTP: hr, Body: hr.Body, RequestID: reqID}
}

func TestParseQuery(t *testing.T) {
	r := queryRequest(http.MethodPost, "/?Action=ListRoles&Marker=q", "Version=2010-05-08&Marker=b&PathPrefix=%2Fa%20b%2F")
	v, err := ParseQuery(r)
	if err != nil {
		t.Fatal(err)
	}
	if v.Get("Action") != "ListRoles" || v.Get("Version") != "2010-05-08" || v.Get("PathPrefix") != "/a b/" {
		t.Errorf("values = %v", v)
	}
	if got := v["Marker"]; len(got) != 2 || got[0] != "q" || got[1] != "b" {
		t.Errorf("Marker = %q, want query then body", got)
	}

	// GET reads the query string only.
	r = queryRequest(http.MethodGet, "/?Action=GetCallerIdentity", "Action=Ignored")
	if v, err := ParseQuery(r); err != nil || v.Get("Action") != "GetCallerIdentity" || len(v["Action"]) != 1 {
		t.Errorf("GET: %v %v", v, err)
	}
}

func TestParseQueryErrors(t *testing.T) {
	r := queryRequest(http.MethodPost, "/", "Action=X&bad=%zz")
	if _, err := ParseQuery(r); codeOf(err) != "MalformedQueryString" {
		t.Errorf("malformed body: %v", err)
	}

	r = queryRequest(http.MethodPost, "/", "")
	r.Body = io.MultiReader(strings.NewReader("Action="), errReader{io.ErrUnexpectedEOF})
	if _, err := ParseQuery(r); codeOf(err) != "IncompleteBody" {
		t.Errorf("broken body: %v", err)
	}

	rec := httptest.NewRecorder()
	r = queryRequest(http.MethodPost, "/", strings.Repeat("a", 100))
	r.Body = http.MaxBytesReader(rec, io.NopCloser(r.Body), 10)
	_, err := ParseQuery(r)
	var e *Error
	if !errors.As(err, &e) || e.Code != "RequestEntityTooLarge" || e.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %v", err)
	}

	// AWS errors met while reading (a chunk signature) pass through.
	r = queryRequest(http.MethodPost, "/", "")
	r.Body = errReader{Errorf(403, "SignatureDoesNotMatch", "x")}
	if _, err := ParseQuery(r); codeOf(err) != "SignatureDoesNotMatch" {
		t.Errorf("AWS error from the body: %v", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

type echoResult struct {
	Names []string `xml:"Names>member"`
}

func testService() *QueryService {
	return &QueryService{
		SigningName: "iam",
		Namespace:   "https://iam.amazonaws.com/doc/2010-05-08/",
		Proto:       ProtocolQuery,
		Actions: map[string]ActionFunc{
			"Echo": func(r *Request, p Params) (any, error) {
				return echoResult{Names: p.List("Names.member")}, nil
			},
			"Nothing": func(*Request, Params) (any, error) { return nil, nil },
			"Fail": func(*Request, Params) (any, error) {
				return nil, NotFound("NoSuchEntity", "no such thing")
			},
		},
	}
}

func TestQueryServiceServe(t *testing.T) {
	svc := testService()
	if svc.Name() != "iam" || svc.Protocol() != ProtocolQuery || !svc.HasAction("Echo") || svc.HasAction("echo") {
		t.Fatal("service accessors")
	}
	tests := []struct {
		name, body string
		status     int
		code       string
		contains   string
	}{
		{"result", "Action=Echo&Names.member.2=b&Names.member.1=a", 200, "",
			"<EchoResult><Names><member>a</member><member>b</member></Names></EchoResult>"},
		{"no result", "Action=Nothing", 200, "", "<NothingResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata>"},
		{"handler error", "Action=Fail", 404, "NoSuchEntity", ""},
		{"unknown action", "Action=Frobnicate&Version=2010-05-08", 400, "InvalidAction", "The action Frobnicate is not valid for this web service."},
		{"missing action", "Version=2010-05-08", 400, "MissingAction", "<Message>Missing Action</Message>"},
		{"malformed", "Action=Echo&%", 400, "MalformedQueryString", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			svc.Serve(w, queryRequest(http.MethodPost, "/", tt.body))
			if w.Code != tt.status {
				t.Errorf("status %d, want %d: %s", w.Code, tt.status, w.Body.String())
			}
			if tt.code != "" {
				if e := parseQueryError(t, w); e.Code != tt.code || e.RequestID != reqID || e.Type != "Sender" {
					t.Errorf("error = %+v, want code %s", e, tt.code)
				}
			}
			if !strings.Contains(w.Body.String(), tt.contains) {
				t.Errorf("body lacks %q:\n%s", tt.contains, w.Body.String())
			}
			var any struct{ XMLName xml.Name }
			if err := xml.Unmarshal(w.Body.Bytes(), &any); err != nil {
				t.Errorf("not XML: %v", err)
			}
		})
	}
}

func TestQueryServiceServeEC2(t *testing.T) {
	svc := testService()
	svc.Proto = ProtocolEC2
	svc.Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/"
	w := httptest.NewRecorder()
	svc.Serve(w, queryRequest(http.MethodPost, "/", "Action=Echo&Names.member.1=x"))
	want := `<EchoResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>` + reqID + `</requestId><Names><member>x</member></Names></EchoResponse>`
	if !strings.HasSuffix(w.Body.String(), want) {
		t.Errorf("body = %s", w.Body.String())
	}
	w = httptest.NewRecorder()
	svc.Serve(w, queryRequest(http.MethodPost, "/", "Action=Nope"))
	if !strings.Contains(w.Body.String(), "<Response><Errors><Error><Code>InvalidAction</Code>") {
		t.Errorf("ec2 error body = %s", w.Body.String())
	}
}
