export { Recommender } from './recommender.js';
export { Popularity, type PopularityParams } from './popularity.js';
export { topK } from './top-k.js';
export { getRecommender, listRecommenders, registerRecommender, recommenderEntry, type RecommenderEntry } from './registry.js';
