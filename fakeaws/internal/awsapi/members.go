package awsapi

import "encoding/xml"

// Members is a query-protocol list: <Name><member>…</member>…</Name>. The
// wrapper is written even when the list is empty, as AWS writes required
// lists; tag the field omitempty for lists AWS leaves out when empty.
type Members[T any] []T

// MarshalXML implements xml.Marshaler.
func (m Members[T]) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	member := xml.StartElement{Name: xml.Name{Local: "member"}}
	for _, v := range m {
		if err := e.EncodeElement(v, member); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}
