/// Every file of a run as an independent unit of work, so that translating, rendering and
/// writing spread over all cores across products, not only across the actions of one: a
/// spec root of many small products keeps every core as busy as one large product does.
///
/// A product gives two modules. The client module (`Generated/Ecs`, `import ECS`): the
/// product, its error codes, its shared types, its client, its paginators and waiters (when it
/// has some), and one file per action. The
/// server module (`Generated/EcsServer`, `import ECSServer`): the service protocol and its
/// router, what a server adds to the shared types, and one file per action.
struct RenderJobs {
    /// One generated file.
    enum Job: Sendable {
        case product(Int)
        case errors(Int)
        case shapes(Int)
        case client(Int)
        case paginators(Int)
        case waiters(Int)
        case action(product: Int, action: Int)
        case service(Int)
        case serverShapes(Int)
        case serverAction(product: Int, action: Int)
    }

    let products: [ProductSpec]
    private let translators: [Translator]

    init(products: [ProductSpec]) {
        self.products = products
        self.translators = products.map(Translator.init)
    }

    /// Every job in output order: per product its client module's files, then its server
    /// module's; product-level files first, then one per generated action.
    var all: [Job] { Self.jobs(for: products) }

    /// The jobs of a product that are not an action's, client module then server module. Their
    /// files' names are reserved whether written or not (``isWritten(_:for:)``).
    static func productJobs(_ index: Int) -> (client: [Job], server: [Job]) {
        (
            [.product(index), .errors(index), .shapes(index), .client(index), .paginators(index), .waiters(index)],
            [.service(index), .serverShapes(index)]
        )
    }

    /// Whether a product-level job writes a file for `product`: the paginators file only when
    /// a generated action pages, the waiters file only when a waiter polls a generated action.
    static func isWritten(_ job: Job, for product: ProductSpec) -> Bool {
        switch job {
        case .paginators: product.generatedActions.contains { $0.paging != nil }
        case .waiters: product.waiters.contains { waiter in product.generatedActions.contains { $0.name == waiter.action } }
        default: true
        }
    }

    /// Every job of `products`, in output order; action indices count the generated actions
    /// (``ProductSpec/generatedActions``).
    static func jobs(for products: [ProductSpec]) -> [Job] {
        var jobs: [Job] = []
        jobs.reserveCapacity(products.reduce(0) { $0 + 2 * $1.generatedActions.count + 6 })
        for (index, product) in products.enumerated() {
            let actions = product.generatedActions.indices
            let productJobs = productJobs(index)
            jobs += productJobs.client.filter { isWritten($0, for: product) } + actions.map { .action(product: index, action: $0) }
            jobs += productJobs.server + actions.map { .serverAction(product: index, action: $0) }
        }
        return jobs
    }

    /// The names of a product's product-level files, without `.swift`: what no action's file
    /// may be named.
    static func productFileNames(_ product: ProductSpec) -> (client: [String], server: [String]) {
        let jobs = productJobs(0)
        func names(_ jobs: [Job]) -> [String] { jobs.map { String(plan($0, in: [product]).fileName.dropLast(".swift".count)) } }
        return (names(jobs.client), names(jobs.server))
    }

    static func errorsFileName(_ product: ProductSpec) -> String { product.swiftPrefix + "Errors" }
    static func shapesFileName(_ product: ProductSpec) -> String { product.swiftPrefix + "Shapes" }
    static func paginatorsFileName(_ product: ProductSpec) -> String { product.swiftPrefix + "Paginators" }
    static func waitersFileName(_ product: ProductSpec) -> String { product.swiftPrefix + "Waiters" }
    /// Appended to a file's name in the server module: `DescribeInstances+Server.swift`.
    static let serverSuffix = "+Server"

    /// Translates and renders one file; `displayPath` turns a spec's path into the one its
    /// header names.
    func render(_ job: Job, with renderer: Renderer, displayPath: (String) -> String) -> GeneratedFile {
        switch job {
        case .product(let index):
            return renderer.productFile(translators[index].productContext(), folder: products[index].folderName, specPath: productPath(index, displayPath))
        case .errors(let index):
            let product = products[index]
            return renderer.errorsFile(
                translators[index].errorsContext(), fileName: Self.errorsFileName(product), folder: product.folderName,
                specPath: productPath(index, displayPath)
            )
        case .shapes(let index):
            let product = products[index]
            return renderer.shapesFile(
                translators[index].shapesContext(), fileName: Self.shapesFileName(product), folder: product.folderName,
                specPath: productPath(index, displayPath)
            )
        case .client(let index):
            return renderer.clientFile(translators[index].clientContext(), folder: products[index].folderName, specPath: productPath(index, displayPath))
        case .paginators(let index):
            let product = products[index]
            return renderer.paginatorsFile(
                translators[index].paginatorsContext(), fileName: Self.paginatorsFileName(product), folder: product.folderName,
                specPath: productPath(index, displayPath)
            )
        case .waiters(let index):
            let product = products[index]
            return renderer.waitersFile(
                translators[index].waitersContext(), fileName: Self.waitersFileName(product), folder: product.folderName,
                specPath: displayPath(product.waitersLocation.file)
            )
        case .action(let productIndex, let actionIndex):
            let action = translators[productIndex].actions[actionIndex]
            return renderer.actionFile(
                translators[productIndex].actionContext(action),
                baseName: SwiftNames.actionBase(action) ?? action.name,
                folder: products[productIndex].folderName,
                specPath: displayPath(action.location.file)
            )
        case .service(let index):
            return renderer.serviceFile(
                translators[index].serviceContext(), folder: products[index].serverFolderName, specPath: productPath(index, displayPath)
            )
        case .serverShapes(let index):
            let product = products[index]
            return renderer.serverTypesFile(
                translators[index].serverShapesContext(), fileName: Self.shapesFileName(product) + Self.serverSuffix,
                folder: product.serverFolderName, specPath: productPath(index, displayPath)
            )
        case .serverAction(let productIndex, let actionIndex):
            let action = translators[productIndex].actions[actionIndex]
            return renderer.serverTypesFile(
                translators[productIndex].serverActionContext(action),
                fileName: (SwiftNames.actionBase(action) ?? action.name) + Self.serverSuffix,
                folder: products[productIndex].serverFolderName,
                specPath: displayPath(action.location.file)
            )
        }
    }

    /// The shared types of product `index`, by name: its shared objects and enumerations.
    func sharedTypeNames(_ index: Int) -> [String] {
        translators[index].shapes.shapes.map(\.name) + translators[index].enums.enumerations.map(\.name)
    }

    private func productPath(_ index: Int, _ displayPath: (String) -> String) -> String {
        displayPath(products[index].location.file)
    }
}
