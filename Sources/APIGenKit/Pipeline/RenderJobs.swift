/// Every file of a run as an independent unit of work, so that translating, rendering and
/// writing spread over all cores across products, not only across the actions of one: a
/// spec root of many small products keeps every core as busy as one large product does.
struct RenderJobs {
    /// One generated file.
    enum Job: Sendable {
        case product(Int)
        case client(Int)
        case service(Int)
        case action(product: Int, action: Int)
    }

    let products: [ProductSpec]
    private let translators: [Translator]

    init(products: [ProductSpec]) {
        self.products = products
        self.translators = products.map(Translator.init)
    }

    /// Every job in output order: per product its product-level files, then one per action.
    var all: [Job] { Self.jobs(for: products) }

    /// The jobs of a product that are not an action's (its product, client and service files).
    static func productJobs(_ index: Int) -> [Job] {
        [.product(index), .client(index), .service(index)]
    }

    /// Every job of `products`, in output order.
    static func jobs(for products: [ProductSpec]) -> [Job] {
        var jobs: [Job] = []
        jobs.reserveCapacity(products.reduce(0) { $0 + $1.actions.count + 3 })
        for (index, product) in products.enumerated() {
            jobs += productJobs(index)
            jobs += product.actions.indices.map { .action(product: index, action: $0) }
        }
        return jobs
    }

    /// Translates and renders one file; `displayPath` turns a spec's path into the one its
    /// header names.
    func render(_ job: Job, with renderer: Renderer, displayPath: (String) -> String) -> GeneratedFile {
        switch job {
        case .product(let index):
            let product = products[index]
            return renderer.productFile(translators[index].productContext(), folder: product.folderName, specPath: displayPath(product.location.file))
        case .client(let index):
            let product = products[index]
            return renderer.clientFile(translators[index].clientContext(), folder: product.folderName, specPath: displayPath(product.location.file))
        case .service(let index):
            let product = products[index]
            return renderer.serviceFile(translators[index].serviceContext(), folder: product.folderName, specPath: displayPath(product.location.file))
        case .action(let productIndex, let actionIndex):
            let product = products[productIndex]
            let action = product.actions[actionIndex]
            return renderer.actionFile(
                translators[productIndex].actionContext(action),
                baseName: SwiftNames.actionBase(action) ?? action.name,
                folder: product.folderName,
                specPath: displayPath(action.location.file)
            )
        }
    }
}
