package awsapi

import (
	"encoding/xml"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

const reqID = "c2f5c1a4-1b2d-4e6f-8a9b-0c1d2e3f4a5b"

func newReq(method string) *Request {
	return &Request{HTTP: httptest.NewRequest(method, "/", nil), RequestID: reqID}
}

type roleResult struct {
	Role struct {
		RoleName   string    `xml:"RoleName"`
		CreateDate time.Time `xml:"CreateDate"`
		Tags       []tag     `xml:"Tags>member"`
	} `xml:"Role"`
}

type tag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

func TestWriteQueryResult(t *testing.T) {
	var res roleResult
	res.Role.RoleName = "a<b>&c"
	res.Role.CreateDate = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	res.Role.Tags = []tag{{"k1", "v1"}, {"k2", ""}}
	w := httptest.NewRecorder()
	WriteQueryResult(w, newReq(http.MethodPost), "https://iam.amazonaws.com/doc/2010-05-08/", "GetRole", res)

	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/xml" {
		t.Fatalf("status %d, content type %q", w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	if !strings.HasPrefix(body, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>`) {
		t.Errorf("unexpected start: %s", body)
	}
	if w.Header().Get("Content-Length") != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length %s for %d bytes", w.Header().Get("Content-Length"), len(body))
	}
	var got struct {
		XMLName xml.Name
		Result  roleResult `xml:"GetRoleResult"`
		ReqID   string     `xml:"ResponseMetadata>RequestId"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, body)
	}
	if got.XMLName.Local != "GetRoleResponse" || got.XMLName.Space != "https://iam.amazonaws.com/doc/2010-05-08/" {
		t.Errorf("root = %v", got.XMLName)
	}
	if got.ReqID != reqID {
		t.Errorf("RequestId = %q", got.ReqID)
	}
	if got.Result.Role.RoleName != "a<b>&c" || !got.Result.Role.CreateDate.Equal(res.Role.CreateDate) || len(got.Result.Role.Tags) != 2 || got.Result.Role.Tags[1].Key != "k2" {
		t.Errorf("result = %+v", got.Result)
	}
	if !strings.Contains(body, "<CreateDate>2026-11-23T12:00:00Z</CreateDate>") {
		t.Errorf("timestamp not ISO 8601: %s", body)
	}
}

func TestWriteQueryResultNil(t *testing.T) {
	w := httptest.NewRecorder()
	WriteQueryResult(w, newReq(http.MethodPost), "https://iam.amazonaws.com/doc/2010-05-08/", "DeleteRole", nil)
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>` + reqID +
		`</RequestId></ResponseMetadata></DeleteRoleResponse>`
	if w.Body.String() != want {
		t.Errorf("body =\n%s\nwant\n%s", w.Body.String(), want)
	}
}

func TestWriteQueryResultUnencodable(t *testing.T) {
	w := httptest.NewRecorder()
	WriteQueryResult(w, newReq(http.MethodPost), "ns", "Bad", map[string]int{"a": 1})
	e := parseQueryError(t, w)
	if w.Code != http.StatusInternalServerError || e.Code != "InternalError" || e.Type != "Receiver" {
		t.Errorf("status %d, error %+v", w.Code, e)
	}
}

func TestWriteEC2Result(t *testing.T) {
	type vpc struct {
		VpcID string `xml:"vpcId"`
	}
	type result struct {
		Vpcs []vpc `xml:"vpcSet>item"`
	}
	w := httptest.NewRecorder()
	WriteEC2Result(w, newReq(http.MethodPost), "http://ec2.amazonaws.com/doc/2016-11-15/", "DescribeVpcs", result{Vpcs: []vpc{{"vpc-1"}, {"vpc-2"}}})
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>` + reqID +
		`</requestId><vpcSet><item><vpcId>vpc-1</vpcId></item><item><vpcId>vpc-2</vpcId></item></vpcSet></DescribeVpcsResponse>`
	if w.Body.String() != want {
		t.Errorf("body =\n%s\nwant\n%s", w.Body.String(), want)
	}

	w = httptest.NewRecorder()
	WriteEC2Result(w, newReq(http.MethodPost), "ns", "DeleteVpc", struct{}{})
	if want := `<DeleteVpcResponse xmlns="ns"><requestId>` + reqID + `</requestId></DeleteVpcResponse>`; !strings.HasSuffix(w.Body.String(), want) {
		t.Errorf("empty result body = %s", w.Body.String())
	}
}

type queryErr struct {
	Type, Code, Message string
	RequestID           string
}

func parseQueryError(t *testing.T, w *httptest.ResponseRecorder) queryErr {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		Error   struct {
			Type    string `xml:"Type"`
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Error"`
		RequestID string `xml:"RequestId"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, w.Body.String())
	}
	if doc.XMLName.Local != "ErrorResponse" {
		t.Fatalf("root %q, want ErrorResponse", doc.XMLName.Local)
	}
	return queryErr{doc.Error.Type, doc.Error.Code, doc.Error.Message, doc.RequestID}
}

func TestWriteErrorQuery(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		want   queryErr
	}{
		{"sender", ValidationError("Value '%s' is <bad> & wrong", "x"), 400,
			queryErr{"Sender", "ValidationError", "Value 'x' is <bad> & wrong", reqID}},
		{"not found", NotFound("NoSuchEntity", "The role with name r cannot be found."), 404,
			queryErr{"Sender", "NoSuchEntity", "The role with name r cannot be found.", reqID}},
		{"conflict", Conflict("DeleteConflict", "busy"), 409, queryErr{"Sender", "DeleteConflict", "busy", reqID}},
		{"wrapped", errors.Join(errors.New("context"), MissingParameter("RoleName")), 400,
			queryErr{"Sender", "MissingParameter", "The request must contain the parameter RoleName", reqID}},
		{"plain error is internal", errors.New("disk on fire"), 500,
			queryErr{"Receiver", "InternalError", "We encountered an internal error. Please try again. (disk on fire)", reqID}},
		{"status 0 means 400", &Error{Code: "X", Message: "y"}, 400, queryErr{"Sender", "X", "y", reqID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			WriteError(w, newReq(http.MethodPost), ProtocolQuery, tt.err)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if got := parseQueryError(t, w); got != tt.want {
				t.Errorf("error = %+v, want %+v", got, tt.want)
			}
			if !strings.Contains(w.Body.String(), "<ErrorResponse><Error><Type>") {
				t.Errorf("query errors have no namespace: %s", w.Body.String())
			}
		})
	}
}

func TestWriteErrorRoute53(t *testing.T) {
	w := httptest.NewRecorder()
	WriteError(w, newReq(http.MethodGet), ProtocolRESTXML, NotFound("NoSuchHostedZone", "No hosted zone found with ID: Z1"))
	if !strings.Contains(w.Body.String(), `<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code>`) {
		t.Errorf("body = %s", w.Body.String())
	}
	if got := parseQueryError(t, w); got.Code != "NoSuchHostedZone" || w.Code != 404 {
		t.Errorf("%d %+v", w.Code, got)
	}
}

func TestWriteErrorEC2(t *testing.T) {
	w := httptest.NewRecorder()
	WriteError(w, newReq(http.MethodPost), ProtocolEC2, BadRequest("InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist"))
	var doc struct {
		XMLName xml.Name
		Errors  []struct {
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Errors>Error"`
		RequestID string `xml:"RequestID"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if w.Code != 400 || doc.XMLName.Local != "Response" || len(doc.Errors) != 1 || doc.Errors[0].Code != "InvalidVpcID.NotFound" ||
		doc.Errors[0].Message != "The vpc ID 'vpc-1' does not exist" || doc.RequestID != reqID {
		t.Errorf("%d %+v\n%s", w.Code, doc, w.Body.String())
	}
}

func TestWriteErrorS3(t *testing.T) {
	e := NotFound("NoSuchKey", "The specified key does not exist.").With("Key", "a&b").With("BucketName", "bk")
	e.Header = http.Header{"X-Amz-Delete-Marker": {"true"}}
	w := httptest.NewRecorder()
	WriteError(w, newReq(http.MethodGet), ProtocolS3, e)
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&amp;b</Key><BucketName>bk</BucketName>` +
		`<RequestId>` + reqID + `</RequestId><HostId>drydock/` + reqID + `</HostId></Error>`
	if w.Body.String() != want {
		t.Errorf("body =\n%s\nwant\n%s", w.Body.String(), want)
	}
	if w.Code != 404 || w.Header().Get("X-Amz-Delete-Marker") != "true" {
		t.Errorf("status %d, headers %v", w.Code, w.Header())
	}
	var doc struct {
		Code, Message, Key, BucketName, RequestId, HostId string
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &doc); err != nil || doc.Key != "a&b" || doc.RequestId != reqID {
		t.Errorf("unmarshal: %v %+v", err, doc)
	}
	if len(e.Fields) != 2 {
		t.Error("With changed the receiver")
	}
}

func TestWriteErrorHead(t *testing.T) {
	w := httptest.NewRecorder()
	WriteError(w, newReq(http.MethodHead), ProtocolS3, NotFound("NoSuchBucket", "The specified bucket does not exist"))
	if w.Code != 404 || w.Body.Len() != 0 {
		t.Errorf("HEAD error: status %d, body %q", w.Code, w.Body.String())
	}
}

func TestWithCopies(t *testing.T) {
	base := BadRequest("X", "m")
	a := base.With("A", "1")
	b := base.With("B", "2")
	if len(base.Fields) != 0 || len(a.Fields) != 1 || len(b.Fields) != 1 || b.Fields[0].Name != "B" {
		t.Errorf("base %v a %v b %v", base.Fields, a.Fields, b.Fields)
	}
	if ErrMissingAction.With("x", "y"); len(ErrMissingAction.Fields) != 0 {
		t.Error("With mutated a shared error")
	}
}

func TestSetRequestIDHeaders(t *testing.T) {
	w := httptest.NewRecorder()
	SetRequestIDHeaders(w, ProtocolQuery, reqID)
	if w.Header().Get("X-Amzn-Requestid") != reqID || w.Header().Get("X-Amz-Request-Id") != "" {
		t.Errorf("query headers %v", w.Header())
	}
	w = httptest.NewRecorder()
	SetRequestIDHeaders(w, ProtocolS3, "ABC")
	if w.Header().Get("X-Amz-Request-Id") != "ABC" || w.Header().Get("X-Amz-Id-2") != "drydock/ABC" {
		t.Errorf("s3 headers %v", w.Header())
	}
}
