import APIGenRuntime

/// XML bodies, in the shapes Alibaba Cloud writes them (see ``XMLTreeDecoder``): the root
/// element stands for the top-level object and its name is not checked.
public struct XMLBodyDecoder: ResponseBodyDecoder {
    public init() {}

    public var wireFormat: WireFormat { .xml }

    public func decode<T: Decodable>(_ type: T.Type, from body: UnsafeRawBufferPointer) -> Result<T, ResponseBodyDecodingFailure> {
        let tree: XMLTree
        do {
            tree = try XMLTree.parse(body)
        } catch {
            return .failure(ResponseBodyDecodingFailure(reason: error.reason))
        }
        do {
            return .success(try T(from: XMLTreeDecoder(tree: tree, selection: .element(0), path: nil)))
        } catch let error as DecodingError {
            return .failure(ResponseBodyDecodingFailure(reason: ResponseDecoder.reason(for: error)))
        } catch {
            return .failure(ResponseBodyDecodingFailure(reason: String(describing: error)))
        }
    }
}

extension ResponseFormat {
    /// XML, read through libxml2 (asked for with `Format=XML` or `accept: application/xml`).
    public static let xml = ResponseFormat(decoder: XMLBodyDecoder())
}
