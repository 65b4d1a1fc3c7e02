package awsapi

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// SetRequestIDHeaders sets the request-ID headers a protocol's clients read.
func SetRequestIDHeaders(w http.ResponseWriter, proto Protocol, requestID string) {
	h := w.Header()
	if proto == ProtocolS3 {
		h.Set("x-amz-request-id", requestID)
		h.Set("x-amz-id-2", hostID(requestID))
		return
	}
	h.Set("x-amzn-RequestId", requestID)
}

// hostID is S3's x-amz-id-2, derived from the request ID so that it is
// stable for one request.
func hostID(requestID string) string {
	return "drydock/" + requestID
}

// WriteXMLBytes writes an XML document with the given status.
func WriteXMLBytes(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// MarshalXML encodes v as an XML document with the XML declaration.
func MarshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteXML encodes v and writes it with the given status; an encoding
// failure is reported as an InternalError in the protocol's envelope.
func WriteXML(w http.ResponseWriter, r *Request, proto Protocol, status int, v any) {
	body, err := MarshalXML(v)
	if err != nil {
		WriteError(w, r, proto, err)
		return
	}
	WriteXMLBytes(w, status, body)
}

// WriteQueryResult writes a query-protocol response:
//
//	<ActionResponse xmlns="NS"><ActionResult>…</ActionResult>
//	<ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></ActionResponse>
//
// A nil result writes no ActionResult element, as AWS does for actions
// without output.
func WriteQueryResult(w http.ResponseWriter, r *Request, namespace, action string, result any) {
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	buf.WriteString("<" + action + "Response xmlns=\"" + namespace + "\">")
	if result != nil {
		enc := xml.NewEncoder(&buf)
		if err := enc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: action + "Result"}}); err != nil {
			WriteError(w, r, ProtocolQuery, err)
			return
		}
		if err := enc.Flush(); err != nil {
			WriteError(w, r, ProtocolQuery, err)
			return
		}
	}
	buf.WriteString("<ResponseMetadata><RequestId>" + r.RequestID + "</RequestId></ResponseMetadata>")
	buf.WriteString("</" + action + "Response>")
	WriteXMLBytes(w, http.StatusOK, buf.Bytes())
}

// WriteEC2Result writes an ec2-protocol response: the result's fields sit
// directly in <ActionResponse>, after <requestId>.
func WriteEC2Result(w http.ResponseWriter, r *Request, namespace, action string, result any) {
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	buf.WriteString("<" + action + "Response xmlns=\"" + namespace + "\"><requestId>" + r.RequestID + "</requestId>")
	if result != nil {
		// Encode the fields of result without its own wrapper: encode it as
		// an element, then strip the wrapper's start and end tags.
		var inner bytes.Buffer
		ienc := xml.NewEncoder(&inner)
		if err := ienc.EncodeElement(result, xml.StartElement{Name: xml.Name{Local: "x"}}); err != nil {
			WriteError(w, r, ProtocolEC2, err)
			return
		}
		_ = ienc.Flush()
		b := inner.Bytes()
		b = bytes.TrimPrefix(b, []byte("<x>"))
		b = bytes.TrimSuffix(b, []byte("</x>"))
		if bytes.Equal(b, []byte("<x/>")) {
			b = nil
		}
		buf.Write(b)
	}
	buf.WriteString("</" + action + "Response>")
	WriteXMLBytes(w, http.StatusOK, buf.Bytes())
}

type queryErrorResponse struct {
	XMLName   xml.Name        `xml:"ErrorResponse"`
	Xmlns     string          `xml:"xmlns,attr,omitempty"`
	Error     queryErrorInner `xml:"Error"`
	RequestID string          `xml:"RequestId"`
}

type queryErrorInner struct {
	Type    string `xml:"Type"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

type ec2ErrorResponse struct {
	XMLName   xml.Name `xml:"Response"`
	Errors    []ec2Err `xml:"Errors>Error"`
	RequestID string   `xml:"RequestID"`
}

type ec2Err struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// WriteError writes err in the protocol's own error envelope with its HTTP
// status. Errors that are not *Error become InternalError.
func WriteError(w http.ResponseWriter, r *Request, proto Protocol, err error) {
	e := AsError(err)
	requestID := ""
	method := ""
	if r != nil {
		requestID = r.RequestID
		if r.HTTP != nil {
			method = r.HTTP.Method
		}
	}
	for k, vs := range e.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	status := e.Status
	if status == 0 {
		status = http.StatusBadRequest
	}
	var body []byte
	switch proto {
	case ProtocolEC2:
		body, _ = MarshalXML(ec2ErrorResponse{Errors: []ec2Err{{e.Code, e.Message}}, RequestID: requestID})
	case ProtocolS3:
		body = s3ErrorBody(e, requestID)
	default:
		typ := "Sender"
		if e.Receiver {
			typ = "Receiver"
		}
		ns := ""
		if proto == ProtocolRESTXML {
			ns = "https://route53.amazonaws.com/doc/2013-04-01/"
		}
		body, _ = MarshalXML(queryErrorResponse{Xmlns: ns, Error: queryErrorInner{typ, e.Code, e.Message}, RequestID: requestID})
	}
	if method == http.MethodHead {
		// HEAD responses carry no body; clients read the status alone.
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		return
	}
	WriteXMLBytes(w, status, body)
}

func s3ErrorBody(e *Error, requestID string) []byte {
	var buf bytes.Buffer
	buf.WriteString(xmlHeader)
	buf.WriteString("<Error><Code>")
	_ = xml.EscapeText(&buf, []byte(e.Code))
	buf.WriteString("</Code><Message>")
	_ = xml.EscapeText(&buf, []byte(e.Message))
	buf.WriteString("</Message>")
	for _, f := range e.Fields {
		buf.WriteString("<" + f.Name + ">")
		_ = xml.EscapeText(&buf, []byte(f.Value))
		buf.WriteString("</" + f.Name + ">")
	}
	buf.WriteString("<RequestId>" + requestID + "</RequestId><HostId>" + hostID(requestID) + "</HostId></Error>")
	return buf.Bytes()
}
